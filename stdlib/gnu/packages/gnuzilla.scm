;;; Packages of (gnu packages gnuzilla), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages gnuzilla)
  #:use-module (gnu packages)
  #:export (icecat))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
