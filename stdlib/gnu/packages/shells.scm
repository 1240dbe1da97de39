;;; Packages of (gnu packages shells), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages shells)
  #:use-module (gnu packages)
  #:export (zsh
            fish
            dash))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
