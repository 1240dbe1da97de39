;;; Packages of (gnu packages ssh), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages ssh)
  #:use-module (gnu packages)
  #:export (openssh
            openssh-sans-x
            dropbear
            mosh))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
