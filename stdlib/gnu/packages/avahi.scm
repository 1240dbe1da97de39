;;; Packages of (gnu packages avahi), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages avahi)
  #:use-module (gnu packages)
  #:export (avahi))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
