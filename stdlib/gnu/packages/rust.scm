;;; Packages of (gnu packages rust), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages rust)
  #:use-module (gnu packages)
  #:export (rust))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
