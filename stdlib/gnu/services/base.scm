;;; The services of every system: login, consoles, name service cache, the
;;; Guix daemon, loopback networking, file systems, hosts, and friends.

(define-module (gnu services base)
  #:use-module (guix records)
  #:use-module (guix gexp)
  #:use-module (srfi srfi-1)
  #:use-module (gnu services)
  #:use-module (gnu services shepherd)
  #:use-module (gnu system file-systems)
  #:use-module (gnu packages)
  #:use-module (gnu packages base)
  #:use-module (gnu packages bash)
  #:use-module (gnu packages admin)
  #:use-module (gnu packages linux)
  #:use-module (gnu packages package-management)
  #:re-export (user-processes-service-type)
  #:export (login-service-type
            login-configuration
            login-configuration?
            virtual-terminal-service-type
            console-font-service-type
            %default-console-font
            shepherd-system-log-service-type
            agetty-service-type
            agetty-configuration
            agetty-configuration?
            agetty-configuration-tty
            mingetty-service-type
            mingetty-configuration
            mingetty-configuration?
            mingetty-configuration-tty
            etc-bashrc-d-service-type
            static-networking-service-type
            static-networking
            static-networking?
            static-networking-addresses
            static-networking-links
            static-networking-routes
            static-networking-provision
            static-networking-requirement
            static-networking-name-servers
            network-address
            network-address?
            network-address-device
            network-address-value
            network-route
            network-route?
            network-link
            %loopback-static-networking
            %qemu-static-networking
            urandom-seed-service-type
            guix-service-type
            guix-configuration
            guix-configuration?
            guix-configuration-guix
            guix-configuration-chroot?
            guix-configuration-authorized-keys
            guix-configuration-substitute-urls
            guix-configuration-extra-options
            guix-extension
            %default-authorized-guix-keys
            %default-substitute-urls
            guix-publish-service-type
            guix-publish-configuration
            nscd-service-type
            nscd-configuration
            nscd-configuration?
            nscd-configuration-caches
            nscd-cache
            nscd-cache?
            nscd-cache-database
            nscd-cache-max-database-size
            %nscd-default-caches
            %nscd-default-configuration
            log-rotation-service-type
            log-cleanup-service-type
            shepherd-timer-service-type
            shepherd-transient-service-type
            udev-service-type
            udev-configuration
            udev-rule
            file->udev-rule
            udev-rules-service
            sysctl-service-type
            sysctl-configuration
            special-files-service-type
            syslog-service-type
            syslog-configuration
            pam-limits-service-type
            gpm-service-type
            kmscon-service-type
            host-name-service-type
            hosts-service-type
            host
            host?
            host-address
            host-canonical-name
            host-aliases
            local-host-entries
            fstab-service-type
            root-file-system-service-type
            file-system-service-type
            swap-service-type
            %base-services

            ;; Deprecated procedures of the older API.
            nscd-service
            guix-service
            mingetty-service
            agetty-service
            console-font-service
            static-networking-service
            urandom-seed-service
            syslog-service
            udev-service))

;;; Commentary:
;;;
;;; Service types oscdsl cannot carry out in a container (consoles, udev,
;;; kernel tunables) are defined all the same, so configurations evaluate;
;;; the boot reports them as not implemented.
;;;
;;; Code:

(define* (forkexec-service provision command #:key (requirement '(user-processes))
                           (documentation "[No documentation.]"))
  "Return a shepherd service providing PROVISION that runs COMMAND, a list of
strings and file-like objects."
  (shepherd-service
    (documentation documentation)
    (provision provision)
    (requirement requirement)
    (start #~(make-forkexec-constructor (list #$@command)))
    (stop #~(make-kill-destructor))))


;;;
;;; Consoles and logins.
;;;

(define-record-type* <login-configuration> login-configuration
  make-login-configuration
  login-configuration?
  (motd login-configuration-motd (default #f))
  (allow-empty-passwords? login-configuration-allow-empty-passwords?
                          (default #t)))

(define login-service-type
  (inert-service-type 'login (login-configuration)
                      "PAM configuration of console logins."))

(define virtual-terminal-service-type
  (inert-service-type 'virtual-terminal #t
                      "Unicode on the Linux virtual terminals."))

(define %default-console-font "LatGrkCyr-8x16")

(define console-font-service-type
  (inert-service-type
   'console-font
   (map (lambda (tty) (cons tty %default-console-font))
        '("tty1" "tty2" "tty3" "tty4" "tty5" "tty6"))
   "Load a font on the virtual terminals (it opens /dev/ttyN)."))

(define shepherd-system-log-service-type
  (service-type
    (name 'shepherd-system-log)
    (extensions
     (list (service-extension shepherd-root-service-type
                              (lambda (config)
                                (list (shepherd-service
                                        (provision '(system-log syslogd))
                                        (requirement '())
                                        (start #~(make-system-log))
                                        (stop #~(make-kill-destructor))))))))
    (default-value #t)
    (description "The system log, kept by the supervisor itself.")))

(define-record-type* <agetty-configuration> agetty-configuration
  make-agetty-configuration
  agetty-configuration?
  (agetty agetty-configuration-agetty (default util-linux))
  (tty agetty-configuration-tty)
  (term agetty-term (default #f))
  (baud-rate agetty-baud-rate (default #f))
  (auto-login agetty-auto-login (default #f))
  (login-program agetty-login-program (default #f))
  (local-line agetty-local-line (default #f))
  (extra-options agetty-extra-options (default '())))

(define agetty-service-type
  (inert-service-type 'agetty &no-default-value
                      "A login prompt on a serial or virtual terminal."))

(define-record-type* <mingetty-configuration> mingetty-configuration
  make-mingetty-configuration
  mingetty-configuration?
  (mingetty mingetty-configuration-mingetty (default #f))
  (tty mingetty-configuration-tty)
  (auto-login mingetty-auto-login (default #f))
  (login-program mingetty-login-program (default #f))
  (login-pause? mingetty-login-pause? (default #f))
  (clear-on-logout? mingetty-clear-on-logout? (default #t)))

(define mingetty-service-type
  (inert-service-type 'mingetty &no-default-value
                      "A login prompt on a virtual terminal /dev/ttyN."))

(define etc-bashrc-d-service-type
  (service-type
    (name 'etc-bashrc-d)
    (extensions
     (list (service-extension etc-service-type
                              (lambda (files)
                                (if (null? files)
                                    '()
                                    (list (list "bashrc.d" files)))))))
    (default-value '())
    (description "Snippets sourced by interactive Bash shells.")))


;;;
;;; Static networking.
;;;

(define-record-type* <network-address> network-address
  make-network-address
  network-address?
  (device network-address-device)
  (value network-address-value)
  (ipv6? network-address-ipv6?
         (thunked)
         (default (and (string-index (network-address-value this-record) #\:)
                       #t))))

(define-record-type* <network-route> network-route
  make-network-route
  network-route?
  (destination network-route-destination)
  (source network-route-source (default #f))
  (device network-route-device (default #f))
  (ipv6? network-route-ipv6? (default #f))
  (gateway network-route-gateway (default #f)))

(define-record-type* <network-link> network-link
  make-network-link
  network-link?
  (name network-link-name (default #f))
  (mac-address network-link-mac-address (default #f))
  (type network-link-type (default #f))
  (arguments network-link-arguments (default '())))

(define-record-type* <static-networking> static-networking
  make-static-networking
  static-networking?
  (addresses static-networking-addresses (default '()))
  (links static-networking-links (default '()))
  (routes static-networking-routes (default '()))
  (provision static-networking-provision (default '(networking)))
  (requirement static-networking-requirement (default '(udev)))
  (name-servers static-networking-name-servers (default '())))

(define %loopback-static-networking
  ;; The loopback device, up, with its usual addresses.
  (static-networking
    (addresses (list (network-address
                       (device "lo")
                       (value "127.0.0.1/8"))))
    (requirement '())
    (provision '(loopback))))

(define %qemu-static-networking
  ;; Networking as QEMU's user-mode network sets it up.
  (static-networking
    (addresses (list (network-address
                       (device "eth0")
                       (value "10.0.2.15/24"))))
    (routes (list (network-route
                    (destination "default")
                    (gateway "10.0.2.2"))))
    (name-servers '("10.0.2.3"))))

(define static-networking-service-type
  (service-type
    (name 'static-networking)
    (extensions
     (list (service-extension
            shepherd-root-service-type
            (lambda (networks)
              (map (lambda (network)
                     (shepherd-service
                       (provision (static-networking-provision network))
                       (requirement (static-networking-requirement network))
                       (start #~(lambda _
                                  (set-up-network
                                   '#$(map network-address-value
                                           (static-networking-addresses
                                            network)))))
                       (one-shot? #t)))
                   networks)))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "Network interfaces configured with fixed addresses.")))


;;;
;;; The Guix daemon and the name service cache.
;;;

(define %default-substitute-urls
  '("https://bordeaux.guix.gnu.org" "https://ci.guix.gnu.org"))

(define %default-authorized-guix-keys '())

(define-record-type* <guix-configuration> guix-configuration
  make-guix-configuration
  guix-configuration?
  (guix guix-configuration-guix (default guix))
  (build-group guix-configuration-build-group (default "guixbuild"))
  (build-accounts guix-configuration-build-accounts (default 10))
  (authorize-key? guix-configuration-authorize-key? (default #t))
  (authorized-keys guix-configuration-authorized-keys
                   (default %default-authorized-guix-keys))
  (use-substitutes? guix-configuration-use-substitutes? (default #t))
  (substitute-urls guix-configuration-substitute-urls
                   (default %default-substitute-urls))
  (generate-substitute-key? guix-configuration-generate-substitute-key?
                            (default #t))
  (channels guix-configuration-channels (default #f))
  (chroot? guix-configuration-chroot? (default 'default))
  (chroot-directories guix-configuration-chroot-directories (default '()))
  (max-silent-time guix-configuration-max-silent-time (default 3600))
  (timeout guix-configuration-timeout (default (* 3600 24)))
  (log-compression guix-configuration-log-compression (default 'gzip))
  (discover? guix-configuration-discover? (default #f))
  (extra-options guix-configuration-extra-options (default '()))
  (log-file guix-configuration-log-file (default "/var/log/guix-daemon.log"))
  (http-proxy guix-http-proxy (default #f))
  (tmpdir guix-tmpdir (default #f))
  (environment guix-configuration-environment (default '())))

(define-record-type* <guix-extension> guix-extension
  make-guix-extension
  guix-extension?
  (authorized-keys guix-extension-authorized-keys (default '()))
  (substitute-urls guix-extension-substitute-urls (default '()))
  (chroot-directories guix-extension-chroot-directories (default '())))

(define guix-service-type
  (service-type
    (name 'guix)
    (extensions
     (list (service-extension
            shepherd-root-service-type
            (lambda (config)
              (let ((chroot? (guix-configuration-chroot? config)))
                (list (forkexec-service
                       '(guix-daemon)
                       (append
                        (list (file-append (guix-configuration-guix config)
                                           "/bin/guix-daemon")
                              "--build-users-group"
                              (guix-configuration-build-group config))
                        (if (eq? chroot? #f) '("--disable-chroot") '())
                        (guix-configuration-extra-options config))
                       #:documentation "Run the Guix build daemon.")))))
           (service-extension profile-service-type
                              (lambda (config)
                                (list (guix-configuration-guix config))))))
    (compose concatenate)
    (extend (lambda (config extensions)
              (guix-configuration
                (inherit config)
                (authorized-keys
                 (append (guix-configuration-authorized-keys config)
                         (append-map guix-extension-authorized-keys
                                     extensions)))
                (substitute-urls
                 (append (guix-configuration-substitute-urls config)
                         (append-map guix-extension-substitute-urls
                                     extensions))))))
    (default-value (guix-configuration))
    (description "The Guix build daemon.")))

(define-record-type* <guix-publish-configuration> guix-publish-configuration
  make-guix-publish-configuration
  guix-publish-configuration?
  (guix guix-publish-configuration-guix (default guix))
  (port guix-publish-configuration-port (default 80))
  (host guix-publish-configuration-host (default "localhost")))

(define guix-publish-service-type
  (inert-service-type 'guix-publish (guix-publish-configuration)
                      "Serve the store over HTTP."))

(define-record-type* <nscd-cache> nscd-cache
  make-nscd-cache
  nscd-cache?
  (database nscd-cache-database)
  (positive-time-to-live nscd-cache-positive-time-to-live)
  (negative-time-to-live nscd-cache-negative-time-to-live (default 20))
  (suggested-size nscd-cache-suggested-size (default 211))
  (check-files? nscd-cache-check-files? (default #t))
  (persistent? nscd-cache-persistent? (default #t))
  (shared? nscd-cache-shared? (default #t))
  (max-database-size nscd-cache-max-database-size (default (* 32 1024 1024)))
  (auto-propagate? nscd-cache-auto-propagate? (default #t)))

(define %nscd-default-caches
  ;; Host names and services are cached for a while; users and groups are
  ;; looked up each time.
  (list (nscd-cache (database 'hosts)
                    (positive-time-to-live (* 3600 12))
                    (negative-time-to-live 20)
                    (persistent? #f))
        (nscd-cache (database 'services)
                    (positive-time-to-live (* 3600 24))
                    (negative-time-to-live 3600)
                    (check-files? #t)
                    (persistent? #t))))

(define-record-type* <nscd-configuration> nscd-configuration
  make-nscd-configuration
  nscd-configuration?
  (log-file nscd-configuration-log-file (default #f))
  (debug-level nscd-debug-level (default 0))
  (caches nscd-configuration-caches (default %nscd-default-caches))
  (name-services nscd-configuration-name-services (default '()))
  (glibc nscd-configuration-glibc (default glibc)))

(define %nscd-default-configuration (nscd-configuration))

(define nscd-service-type
  (service-type
    (name 'nscd)
    (extensions
     (list (service-extension
            shepherd-root-service-type
            (lambda (config)
              (list (forkexec-service
                     '(nscd)
                     (list (file-append (nscd-configuration-glibc config)
                                        "/sbin/nscd")
                           "-f" "/etc/nscd.conf" "--foreground")
                     #:documentation "Run the name service cache daemon."))))))
    (compose concatenate)
    (extend (lambda (config name-services)
              (nscd-configuration
                (inherit config)
                (name-services (append (nscd-configuration-name-services
                                        config)
                                       name-services)))))
    (default-value %nscd-default-configuration)
    (description "The name service cache daemon of the C library.")))


;;;
;;; Logs, devices, kernel settings.
;;;

(define log-rotation-service-type
  (inert-service-type 'log-rotation '() "Rotate the log files."))

(define log-cleanup-service-type
  (inert-service-type 'log-cleanup #t "Delete old log files."))

(define shepherd-timer-service-type
  (inert-service-type 'shepherd-timer #t "Run commands at given times."))

(define shepherd-transient-service-type
  (inert-service-type 'shepherd-transient #t "Run commands as transient services."))

(define-record-type* <udev-configuration> udev-configuration
  make-udev-configuration
  udev-configuration?
  (udev udev-configuration-udev (default eudev))
  (rules udev-configuration-rules (default '())))

(define (udev-rule name contents)
  "Return a udev rule file NAME holding CONTENTS."
  (list 'udev-rule name contents))

(define (file->udev-rule name file)
  "Return a udev rule file NAME with the contents of FILE."
  (list 'udev-rule name file))

(define udev-service-type
  (service-type
    (name 'udev)
    (extensions '())
    (compose concatenate)
    (extend (lambda (config rules)
              (udev-configuration
                (inherit config)
                (rules (append (udev-configuration-rules config) rules)))))
    (default-value (udev-configuration))
    (description "Manage device nodes as the kernel reports devices.")))

(define (udev-rules-service name rules)
  "Return a service adding RULES, a udev rule or a package, to udev."
  (simple-service name udev-service-type (list rules)))

(define-record-type* <sysctl-configuration> sysctl-configuration
  make-sysctl-configuration
  sysctl-configuration?
  (sysctl sysctl-configuration-sysctl (default procps))
  (settings sysctl-configuration-settings (default '())))

(define sysctl-service-type
  (service-type
    (name 'sysctl)
    (extensions '())
    (compose concatenate)
    (extend (lambda (config settings)
              (sysctl-configuration
                (inherit config)
                (settings (append (sysctl-configuration-settings config)
                                  settings)))))
    (default-value (sysctl-configuration))
    (description "Set kernel parameters at boot.")))

(define-record-type* <syslog-configuration> syslog-configuration
  make-syslog-configuration
  syslog-configuration?
  (syslogd syslog-configuration-syslogd (default #f))
  (config-file syslog-configuration-config-file (default #f)))

(define syslog-service-type
  (inert-service-type 'syslog (syslog-configuration) "The system logger."))

(define urandom-seed-service-type
  (inert-service-type 'urandom-seed #f
                      "Keep a random seed across reboots."))

(define pam-limits-service-type
  (inert-service-type 'pam-limits '() "Resource limits of login sessions."))

(define gpm-service-type
  (inert-service-type 'gpm #f "The mouse on the Linux console."))

(define kmscon-service-type
  (inert-service-type 'kmscon &no-default-value
                      "A terminal emulator on the kernel console."))


;;;
;;; Host name, hosts, file systems (parts of the essential services).
;;;

(define host-name-service-type
  (service-type
    (name 'host-name)
    (extensions
     (list (service-extension activation-service-type
                              (lambda (name) (list (list 'host-name name))))))
    (description "Set the host name at boot.")))

(define-record-type* <host> %host
  make-host
  host?
  (address host-address)
  (canonical-name host-canonical-name)
  (aliases host-aliases (default '())))

(define* (host address canonical-name #:optional (aliases '()))
  "Return an /etc/hosts entry mapping ADDRESS to CANONICAL-NAME and ALIASES."
  (make-host address canonical-name aliases))

(define (local-host-entries host-name)
  "Return the /etc/hosts entries of localhost, aliased to HOST-NAME."
  (list (host "127.0.0.1" "localhost" (list host-name))
        (host "::1" "localhost" (list host-name))))

(define hosts-service-type
  (service-type
    (name 'hosts)
    (extensions
     (list (service-extension etc-service-type
                              (lambda (hosts) (list (list "hosts" hosts))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "The entries of /etc/hosts.")))

(define fstab-service-type
  (service-type
    (name 'fstab)
    (extensions
     (list (service-extension etc-service-type
                              (lambda (file-systems)
                                (list (list "fstab" file-systems))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "The entries of /etc/fstab.")))

(define root-file-system-service-type
  (service-type
    (name 'root-file-system)
    (extensions
     (list (service-extension shepherd-root-service-type
                              (lambda _
                                (list (shepherd-service
                                        (provision '(root-file-system))
                                        (start #~(const #t))))))))
    (default-value #t)
    (description "Sync and remount the root file system read-only at shutdown.")))

(define (file-system-shepherd-service fs)
  "Return the shepherd service that mounts the file system FS."
  (shepherd-service
    (provision (list (string->symbol
                      (string-append "file-system-"
                                     (file-system-mount-point fs)))))
    (requirement (append '(root-file-system)
                         (file-system-shepherd-requirements fs)))
    (documentation (string-append "Mount "
                                  (file-system-device->string
                                   (file-system-device fs))
                                  " on " (file-system-mount-point fs) "."))
    (start `(mount-file-system ,(file-system->spec fs)))))

(define file-system-service-type
  (service-type
    (name 'file-systems)
    (extensions
     (list (service-extension shepherd-root-service-type
                              (lambda (file-systems)
                                (map file-system-shepherd-service
                                     (filter file-system-mount? file-systems))))
           (service-extension fstab-service-type identity)))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "Mount the file systems not needed for boot.")))

(define swap-service-type
  (service-type
    (name 'swap)
    (extensions
     (list (service-extension shepherd-root-service-type
                              (lambda (swap)
                                (list (shepherd-service
                                        (provision '(swap))
                                        (start `(swap-on ,swap))))))))
    (description "Turn on a swap device or file.")))


;;;
;;; The base services.
;;;

(define %base-services
  ;; What most systems run, and what configurations start from.
  (append (list (service login-service-type)
                (service virtual-terminal-service-type)
                (service console-font-service-type)
                (service shepherd-system-log-service-type)
                (service agetty-service-type
                         (agetty-configuration
                           (extra-options '("-L"))
                           (term "vt100")
                           (tty #f)))
                (service mingetty-service-type
                         (mingetty-configuration (tty "tty1")))
                (service mingetty-service-type
                         (mingetty-configuration (tty "tty2")))
                (service mingetty-service-type
                         (mingetty-configuration (tty "tty3")))
                (service mingetty-service-type
                         (mingetty-configuration (tty "tty4")))
                (service mingetty-service-type
                         (mingetty-configuration (tty "tty5")))
                (service mingetty-service-type
                         (mingetty-configuration (tty "tty6")))
                (service etc-bashrc-d-service-type)
                (service static-networking-service-type
                         (list %loopback-static-networking))
                (service urandom-seed-service-type)
                (service guix-service-type)
                (service nscd-service-type)
                (service log-rotation-service-type)
                (service shepherd-timer-service-type)
                (service shepherd-transient-service-type)
                (service log-cleanup-service-type)
                (service udev-service-type
                         (udev-configuration
                           (rules (list lvm2 fuse alsa-utils crda))))
                (service sysctl-service-type)
                (service special-files-service-type
                         `(("/bin/sh" ,(file-append bash "/bin/sh"))
                           ("/usr/bin/env"
                            ,(file-append coreutils "/bin/env")))))))


;;;
;;; The older API: procedures returning services.
;;;

(define-syntax define-deprecated-service
  (syntax-rules ()
    ((_ (name args ...) replacement body)
     (define* (name args ...)
       (%deprecation-warning 'name replacement)
       body))))

(define %deprecation-warning
  (python-ref (python-import "oscdsl.os.host") "deprecation_warning"))

(define-deprecated-service (nscd-service #:optional
                                         (config %nscd-default-configuration))
  "(service nscd-service-type)"
  (service nscd-service-type config))

(define-deprecated-service (guix-service #:optional
                                         (config (guix-configuration)))
  "(service guix-service-type)"
  (service guix-service-type config))

(define-deprecated-service (mingetty-service config)
  "(service mingetty-service-type CONFIG)"
  (service mingetty-service-type config))

(define-deprecated-service (agetty-service config)
  "(service agetty-service-type CONFIG)"
  (service agetty-service-type config))

(define-deprecated-service (console-font-service tty #:optional
                                                 (font %default-console-font))
  "(service console-font-service-type ...)"
  (simple-service (string->symbol (string-append "console-font-" tty))
                  console-font-service-type
                  (list (cons tty font))))

(define-deprecated-service (static-networking-service interface ip
                                                      #:key netmask gateway
                                                      (provision '(networking))
                                                      (name-servers '()))
  "(service static-networking-service-type ...)"
  (service static-networking-service-type
           (list (static-networking
                   (addresses (list (network-address
                                      (device interface)
                                      (value ip))))
                   (provision provision)
                   (name-servers name-servers)))))

(define-deprecated-service (urandom-seed-service)
  "(service urandom-seed-service-type)"
  (service urandom-seed-service-type))

(define-deprecated-service (syslog-service #:optional
                                           (config (syslog-configuration)))
  "(service syslog-service-type)"
  (service syslog-service-type config))

(define-deprecated-service (udev-service #:key (udev eudev) (rules '()))
  "(service udev-service-type)"
  (service udev-service-type (udev-configuration (udev udev) (rules rules))))
