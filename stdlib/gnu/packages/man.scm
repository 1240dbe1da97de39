;;; Packages of (gnu packages man), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages man)
  #:use-module (gnu packages)
  #:export (man-db
            man-pages))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
