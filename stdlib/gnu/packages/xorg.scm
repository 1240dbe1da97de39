;;; Packages of (gnu packages xorg), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages xorg)
  #:use-module (gnu packages)
  #:export (xterm
            xorg-server
            xrandr
            setxkbmap
            xinit))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
