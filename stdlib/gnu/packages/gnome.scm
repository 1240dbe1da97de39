;;; Packages of (gnu packages gnome), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages gnome)
  #:use-module (gnu packages)
  #:export (gnome
            network-manager-applet
            gvfs))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
