;;; Packages of (gnu packages rsync), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages rsync)
  #:use-module (gnu packages)
  #:export (rsync))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
