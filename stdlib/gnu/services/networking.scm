;;; Networking services: DHCP clients, NetworkManager and friends, NTP.

(define-module (gnu services networking)
  #:use-module (guix records)
  #:use-module (guix gexp)
  #:use-module (gnu services)
  #:use-module (gnu services shepherd)
  #:use-module (gnu services base)
  #:use-module (gnu packages admin)
  #:use-module (gnu packages networking)
  #:use-module (gnu packages ntp)
  #:re-export (static-networking-service-type
               static-networking
               network-address
               network-route
               %loopback-static-networking)
  #:export (dhcpcd-service-type
            dhcpcd-configuration
            dhcpcd-configuration?
            dhcp-client-service-type
            dhcp-client-configuration
            dhcp-client-service
            network-manager-service-type
            network-manager-configuration
            connman-service-type
            connman-configuration
            wpa-supplicant-service-type
            wpa-supplicant-configuration
            modem-manager-service-type
            usb-modeswitch-service-type
            wicd-service-type
            avahi-service-type
            avahi-configuration
            ntp-service-type
            ntp-configuration
            ntp-server
            %ntp-servers
            openntpd-service-type
            openntpd-configuration
            tor-service-type
            nftables-service-type
            iptables-service-type
            dummy-networking-service-type
            dummy-networking-service))

(define-record-type* <dhcpcd-configuration> dhcpcd-configuration
  make-dhcpcd-configuration
  dhcpcd-configuration?
  (dhcpcd dhcpcd-configuration-dhcpcd (default dhcpcd))
  (shepherd-provision dhcpcd-configuration-shepherd-provision
                      (default '(networking)))
  (shepherd-requirement dhcpcd-configuration-shepherd-requirement
                        (default '()))
  (interfaces dhcpcd-configuration-interfaces (default '()))
  (command-arguments dhcpcd-configuration-command-arguments
                     (default '("-q" "-q")))
  (extra-content dhcpcd-configuration-extra-content (default #f)))

(define dhcpcd-service-type
  (service-type
    (name 'dhcpcd)
    (extensions
     (list (service-extension
            shepherd-root-service-type
            (lambda (config)
              (list (shepherd-service
                      (provision (dhcpcd-configuration-shepherd-provision
                                  config))
                      (requirement (cons 'loopback
                                         (dhcpcd-configuration-shepherd-requirement
                                          config)))
                      (documentation "Configure networking with DHCP.")
                      (start #~(make-forkexec-constructor
                                (list #$(file-append
                                         (dhcpcd-configuration-dhcpcd config)
                                         "/sbin/dhcpcd")
                                      "-B"
                                      #$@(dhcpcd-configuration-command-arguments
                                          config)
                                      #$@(dhcpcd-configuration-interfaces
                                          config))))
                      (stop #~(make-kill-destructor))))))
           (service-extension profile-service-type
                              (lambda (config)
                                (list (dhcpcd-configuration-dhcpcd config))))))
    (default-value (dhcpcd-configuration))
    (description "Configure network interfaces with the DHCP client dhcpcd.")))

(define-record-type* <dhcp-client-configuration> dhcp-client-configuration
  make-dhcp-client-configuration
  dhcp-client-configuration?
  (package dhcp-client-configuration-package (default isc-dhcp))
  (shepherd-provision dhcp-client-configuration-shepherd-provision
                      (default '(networking)))
  (interfaces dhcp-client-configuration-interfaces (default 'all)))

(define dhcp-client-service-type
  ;; The older DHCP client; configurations still name it.
  (service-type
    (name 'dhcp-client)
    (extensions
     (list (service-extension
            shepherd-root-service-type
            (lambda (config)
              (list (shepherd-service
                      (provision (dhcp-client-configuration-shepherd-provision
                                  config))
                      (requirement '(loopback))
                      (start #~(make-forkexec-constructor
                                (list #$(file-append
                                         (dhcp-client-configuration-package
                                          config)
                                         "/sbin/dhclient"))))))))))
    (default-value (dhcp-client-configuration))
    (description "Configure network interfaces with ISC's dhclient.")))

(define* (dhcp-client-service #:key (dhcp isc-dhcp))
  "Return a DHCP client service (deprecated: use dhcpcd-service-type)."
  ((python-ref (python-import "oscdsl.os.host") "deprecation_warning")
   'dhcp-client-service "(service dhcpcd-service-type)")
  (service dhcp-client-service-type
           (dhcp-client-configuration (package dhcp))))

(define-record-type* <network-manager-configuration>
  network-manager-configuration
  make-network-manager-configuration
  network-manager-configuration?
  (network-manager network-manager-configuration-network-manager
                   (default network-manager))
  (dns network-manager-configuration-dns (default "default"))
  (vpn-plugins network-manager-configuration-vpn-plugins (default '())))

(define network-manager-service-type
  (inert-service-type 'network-manager (network-manager-configuration)
                      "Manage network connections with NetworkManager."))

(define-record-type* <connman-configuration> connman-configuration
  make-connman-configuration
  connman-configuration?
  (connman connman-configuration-connman (default connman))
  (disable-vpn? connman-configuration-disable-vpn? (default #f)))

(define connman-service-type
  (inert-service-type 'connman (connman-configuration)
                      "Manage network connections with ConnMan."))

(define-record-type* <wpa-supplicant-configuration> wpa-supplicant-configuration
  make-wpa-supplicant-configuration
  wpa-supplicant-configuration?
  (wpa-supplicant wpa-supplicant-configuration-wpa-supplicant
                  (default wpa-supplicant))
  (interface wpa-supplicant-configuration-interface (default #f))
  (config-file wpa-supplicant-configuration-config-file (default #f)))

(define wpa-supplicant-service-type
  (inert-service-type 'wpa-supplicant (wpa-supplicant-configuration)
                      "Wi-Fi authentication with wpa_supplicant."))

(define modem-manager-service-type
  (inert-service-type 'modem-manager #t "Mobile broadband modems."))

(define usb-modeswitch-service-type
  (inert-service-type 'usb-modeswitch #t "Switch USB modems to modem mode."))

(define wicd-service-type
  (inert-service-type 'wicd #t "The Wicd network manager."))

(define-record-type* <avahi-configuration> avahi-configuration
  make-avahi-configuration
  avahi-configuration?
  (host-name avahi-configuration-host-name (default #f))
  (publish? avahi-configuration-publish? (default #t))
  (wide-area? avahi-configuration-wide-area? (default #f)))

(define avahi-service-type
  (inert-service-type 'avahi (avahi-configuration)
                      "mDNS/DNS-SD name resolution with Avahi."))

(define %ntp-servers
  '("0.guix.pool.ntp.org" "1.guix.pool.ntp.org" "2.guix.pool.ntp.org"
    "3.guix.pool.ntp.org"))

(define-record-type* <ntp-server> ntp-server
  make-ntp-server
  ntp-server?
  (type ntp-server-type (default 'server))
  (address ntp-server-address)
  (options ntp-server-options (default '())))

(define-record-type* <ntp-configuration> ntp-configuration
  make-ntp-configuration
  ntp-configuration?
  (ntp ntp-configuration-ntp (default ntp))
  (servers ntp-configuration-servers (default %ntp-servers))
  (allow-large-adjustment? ntp-allow-large-adjustment? (default #t)))

(define ntp-service-type
  (inert-service-type 'ntp (ntp-configuration)
                      "Keep the clock in time with NTP."))

(define-record-type* <openntpd-configuration> openntpd-configuration
  make-openntpd-configuration
  openntpd-configuration?
  (openntpd openntpd-configuration-openntpd (default openntpd))
  (servers openntpd-configuration-servers (default '()))
  (constraints-from openntpd-constraints-from (default '())))

(define openntpd-service-type
  (inert-service-type 'openntpd (openntpd-configuration)
                      "Keep the clock in time with OpenNTPD."))

(define tor-service-type
  (inert-service-type 'tor #f "The Tor anonymity network."))

(define nftables-service-type
  (inert-service-type 'nftables #f "A packet filter set up with nftables."))

(define iptables-service-type
  (inert-service-type 'iptables #f "A packet filter set up with iptables."))

(define dummy-networking-service-type
  ;; What a container provides in place of the networking services it drops:
  ;; the interfaces already exist, so starting does nothing.
  (shepherd-service-type
   'dummy-networking
   (lambda (provision)
     (shepherd-service
       (documentation "Provide network services already set up by the host.")
       (provision provision)
       (start #~(const #t))
       (stop #~(const #f))
       (respawn? #f)))
   '(loopback)
   #:description "Stand in for networking services in a container."))

(define* (dummy-networking-service #:optional (provision '(loopback)))
  "Return a service providing PROVISION whose start does nothing."
  (service dummy-networking-service-type provision))
