;;; Packages of (gnu packages admin), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages admin)
  #:use-module (gnu packages)
  #:export (shadow
            sudo
            inetutils
            isc-dhcp
            procps
            psmisc
            htop
            dhcpcd
            opendoas))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
