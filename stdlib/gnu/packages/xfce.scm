;;; Packages of (gnu packages xfce), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages xfce)
  #:use-module (gnu packages)
  #:export (xfce
            xfce4-session))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
