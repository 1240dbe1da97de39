;;; Packages of (gnu packages zile), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages zile)
  #:use-module (gnu packages)
  #:export (mg))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
