;;; Packages of (gnu packages nss), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages nss)
  #:use-module (gnu packages)
  #:export (nss))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
