;;; Packages of (gnu packages wm), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages wm)
  #:use-module (gnu packages)
  #:export (i3-wm
            i3status
            sway
            swaylock
            awesome
            openbox))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
