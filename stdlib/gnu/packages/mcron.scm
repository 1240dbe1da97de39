;;; Packages of (gnu packages mcron), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages mcron)
  #:use-module (gnu packages)
  #:export (mcron))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
