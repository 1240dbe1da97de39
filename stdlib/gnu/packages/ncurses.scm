;;; Packages of (gnu packages ncurses), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages ncurses)
  #:use-module (gnu packages)
  #:export (ncurses))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
