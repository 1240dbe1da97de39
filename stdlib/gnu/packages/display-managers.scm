;;; Packages of (gnu packages display-managers), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages display-managers)
  #:use-module (gnu packages)
  #:export (gdm
            sddm
            slim))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
