;;; Packages of (gnu packages suckless), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages suckless)
  #:use-module (gnu packages)
  #:export (dmenu
            st
            slock
            dwm))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
