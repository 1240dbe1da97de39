;;; Packages of (gnu packages cups), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages cups)
  #:use-module (gnu packages)
  #:export (cups))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
