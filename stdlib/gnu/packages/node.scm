;;; Packages of (gnu packages node), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages node)
  #:use-module (gnu packages)
  #:export (node))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
