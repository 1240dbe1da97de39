;;; Packages of (gnu packages terminals), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages terminals)
  #:use-module (gnu packages)
  #:export (alacritty
            foot))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
