;;; Packages of (gnu packages docker), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages docker)
  #:use-module (gnu packages)
  #:export (docker
            containerd))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
