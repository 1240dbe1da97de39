;;; Packages of (gnu packages python), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages python)
  #:use-module (gnu packages)
  #:export (python
            python-wrapper
            python-minimal))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
