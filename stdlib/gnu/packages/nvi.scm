;;; Packages of (gnu packages nvi), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages nvi)
  #:use-module (gnu packages)
  #:export (nvi))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
