;;; Packages of (gnu packages pulseaudio), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages pulseaudio)
  #:use-module (gnu packages)
  #:export (pulseaudio))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
