;;; The name service switch: /etc/nsswitch.conf as data.

(define-module (gnu system nss)
  #:use-module (guix records)
  #:export (name-service-switch
            name-service-switch?
            name-service-switch-hosts
            name-service-switch-passwd
            name-service
            name-service?
            name-service-name
            name-service-reaction
            lookup-specification
            %default-nss
            %mdns-host-lookup-nss
            %files
            %dns))

(define-record-type* <name-service> name-service
  make-name-service
  name-service?
  (name name-service-name)
  (reaction name-service-reaction (default '())))

(define-syntax lookup-specification
  (syntax-rules (=>)
    ((_ (action => reaction) ...)
     '((action . reaction) ...))))

(define %files (name-service (name "files")))
(define %dns (name-service (name "dns")))

(define-record-type* <name-service-switch> name-service-switch
  make-name-service-switch
  name-service-switch?
  (aliases name-service-switch-aliases (default '()))
  (ethers name-service-switch-ethers (default '()))
  (group name-service-switch-group (default '()))
  (gshadow name-service-switch-gshadow (default '()))
  (hosts name-service-switch-hosts (default '()))
  (initgroups name-service-switch-initgroups (default '()))
  (netgroup name-service-switch-netgroup (default '()))
  (networks name-service-switch-networks (default '()))
  (password name-service-switch-passwd (default '()))
  (public-key name-service-switch-public-key (default '()))
  (rpc name-service-switch-rpc (default '()))
  (services name-service-switch-services (default '()))
  (shadow name-service-switch-shadow (default '())))

(define %default-nss
  ;; Files, then DNS for host names.
  (name-service-switch
    (hosts (list %files %dns))))

(define %mdns-host-lookup-nss
  ;; Host names in .local are resolved by Avahi's mDNS.
  (name-service-switch
    (hosts (list %files
                 (name-service
                   (name "mdns_minimal")
                   (reaction (lookup-specification (not-found => return))))
                 %dns
                 (name-service (name "mdns"))))))
