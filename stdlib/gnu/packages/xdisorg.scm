;;; Packages of (gnu packages xdisorg), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages xdisorg)
  #:use-module (gnu packages)
  #:export (rofi
            xdotool))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
