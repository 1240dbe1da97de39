;;; Packages of (gnu packages ratpoison), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages ratpoison)
  #:use-module (gnu packages)
  #:export (ratpoison))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
