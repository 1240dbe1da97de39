;;; Packages of (gnu packages freedesktop), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages freedesktop)
  #:use-module (gnu packages)
  #:export (elogind
            udisks
            accountsservice
            upower))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
