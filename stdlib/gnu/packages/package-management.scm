;;; Packages of (gnu packages package-management), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages package-management)
  #:use-module (gnu packages)
  #:export (guix
            nix))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
