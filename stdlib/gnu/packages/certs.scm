;;; Packages of (gnu packages certs), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages certs)
  #:use-module (gnu packages)
  #:export (nss-certs))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
