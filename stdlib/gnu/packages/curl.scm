;;; Packages of (gnu packages curl), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages curl)
  #:use-module (gnu packages)
  #:export (curl))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
