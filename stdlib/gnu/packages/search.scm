;;; Packages of (gnu packages search), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages search)
  #:use-module (gnu packages)
  #:export (mlocate))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
