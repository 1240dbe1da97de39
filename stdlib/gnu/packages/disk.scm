;;; Packages of (gnu packages disk), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages disk)
  #:use-module (gnu packages)
  #:export (parted
            gptfdisk))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
