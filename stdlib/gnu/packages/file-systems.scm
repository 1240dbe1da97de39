;;; Packages of (gnu packages file-systems), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages file-systems)
  #:use-module (gnu packages)
  #:export (dosfstools
            exfat-utils))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
