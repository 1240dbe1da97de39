;;; Packages of (gnu packages ntp), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages ntp)
  #:use-module (gnu packages)
  #:export (ntp))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
