;;; Packages of (gnu packages cryptsetup), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages cryptsetup)
  #:use-module (gnu packages)
  #:export (cryptsetup))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
