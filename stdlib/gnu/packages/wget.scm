;;; Packages of (gnu packages wget), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages wget)
  #:use-module (gnu packages)
  #:export (wget))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
