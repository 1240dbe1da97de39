;;; Packages of (gnu packages polkit), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages polkit)
  #:use-module (gnu packages)
  #:export (polkit))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
