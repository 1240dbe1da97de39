;;; Packages of (gnu packages glib), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages glib)
  #:use-module (gnu packages)
  #:export (dbus))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
