;;; Packages of (gnu packages networking), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages networking)
  #:use-module (gnu packages)
  #:export (nftables
            iptables
            openntpd
            network-manager
            wpa-supplicant
            modem-manager
            connman))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
