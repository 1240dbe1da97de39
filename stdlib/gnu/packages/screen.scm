;;; Packages of (gnu packages screen), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages screen)
  #:use-module (gnu packages)
  #:export (screen
            tmux))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
