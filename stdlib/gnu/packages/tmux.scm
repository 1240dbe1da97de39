;;; Packages of (gnu packages tmux), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages tmux)
  #:use-module (gnu packages)
  #:export (tmux))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
