;;; Packages of (gnu packages less), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages less)
  #:use-module (gnu packages)
  #:export (less))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
