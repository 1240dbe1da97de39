;;; Packages of (gnu packages databases), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages databases)
  #:use-module (gnu packages)
  #:export (postgresql
            redis
            sqlite))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
