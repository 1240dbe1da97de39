;;; Packages of (gnu packages bash), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages bash)
  #:use-module (gnu packages)
  #:export (bash
            bash-minimal))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
