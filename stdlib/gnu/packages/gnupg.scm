;;; Packages of (gnu packages gnupg), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages gnupg)
  #:use-module (gnu packages)
  #:export (gnupg
            pinentry))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
