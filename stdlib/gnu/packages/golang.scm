;;; Packages of (gnu packages golang), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages golang)
  #:use-module (gnu packages)
  #:export (go))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
