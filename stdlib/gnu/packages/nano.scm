;;; Packages of (gnu packages nano), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages nano)
  #:use-module (gnu packages)
  #:export (nano))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
