;;; Packages of (gnu packages gcc), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages gcc)
  #:use-module (gnu packages)
  #:export (gcc))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
