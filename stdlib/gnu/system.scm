;;; The operating-system record: what a system declaration evaluates to, and
;;; the services every system has.

(define-module (gnu system)
  #:use-module (guix records)
  #:use-module (srfi srfi-1)
  #:use-module (gnu packages)
  #:use-module (gnu packages base)
  #:use-module (gnu packages bash)
  #:use-module (gnu packages admin)
  #:use-module (gnu packages less)
  #:use-module (gnu packages zile)
  #:use-module (gnu packages nano)
  #:use-module (gnu packages nvi)
  #:use-module (gnu packages man)
  #:use-module (gnu packages texinfo)
  #:use-module (gnu packages linux)
  #:use-module (gnu packages guile)
  #:use-module (gnu packages wget)
  #:use-module (gnu packages certs)
  #:use-module (gnu packages compression)
  #:use-module (gnu services)
  #:use-module (gnu services shepherd)
  #:use-module (gnu services base)
  #:use-module (gnu system file-systems)
  #:use-module (gnu system accounts)
  #:use-module (gnu system shadow)
  #:use-module (gnu system pam)
  #:use-module (gnu system nss)
  #:use-module (gnu bootloader)
  #:export (operating-system
            operating-system?
            this-operating-system
            operating-system-kernel
            operating-system-kernel-loadable-modules
            operating-system-kernel-arguments
            operating-system-user-kernel-arguments
            operating-system-hurd
            operating-system-label
            operating-system-keyboard-layout
            operating-system-bootloader
            operating-system-initrd
            operating-system-initrd-modules
            operating-system-firmware
            operating-system-host-name
            operating-system-hosts-file
            operating-system-mapped-devices
            operating-system-file-systems
            operating-system-swap-devices
            operating-system-users
            operating-system-groups
            operating-system-skeletons
            operating-system-issue
            operating-system-packages
            operating-system-timezone
            operating-system-locale
            operating-system-locale-definitions
            operating-system-locale-libcs
            operating-system-name-service-switch
            operating-system-essential-services
            operating-system-user-services
            operating-system-services
            operating-system-pam-services
            operating-system-privileged-programs
            operating-system-setuid-programs
            operating-system-sudoers-file
            operating-system-location
            operating-system-accounts
            operating-system-default-essential-services
            operating-system-locale-directory
            operating-system-etc-entries

            %linux-bare-metal-service
            %base-packages
            %base-packages-interactive
            %base-packages-linux
            %base-packages-networking
            %base-packages-utils
            %base-firmware
            %base-initrd-modules
            %default-kernel-arguments
            %default-locale-definitions
            %default-locale-libcs
            %default-issue
            %setuid-programs
            %default-privileged-programs
            %sudoers-specification
            base-initrd
            local-host-aliases
            crypt
            %current-system))

;;; Commentary:
;;;
;;; 'services' and 'essential-services' are thunked: they are computed each
;;; time they are read, against the record they are read from.  That is how
;;; the default essential services see the final host name, file systems
;;; and users of an OS made with (inherit ...), and why containerization
;;; needs no more than overriding the fields it changes.
;;;
;;; Code:

((python-ref (python-import "oscdsl.os") "install") (current-module) "system")

(define %deprecation-warning
  (python-ref (python-import "oscdsl.os.host") "deprecation_warning"))


;;;
;;; Defaults.
;;;

(define %base-packages-interactive
  (list less mg nano nvi man-db info-reader kbd sudo guile-readline
        guile-colorized))

(define %base-packages-linux
  (list pciutils usbutils util-linux+udev kmod eudev))

(define %base-packages-networking
  (list inetutils isc-dhcp iproute wget nss-certs iw wireless-tools))

(define %base-packages-utils
  (list procps psmisc which shadow e2fsprogs guile-3.0 bash coreutils
        findutils grep sed diffutils patch gawk tar gzip bzip2 lzip xz
        zstd))

(define %base-packages
  ;; What every system's profile holds.
  (append %base-packages-interactive
          %base-packages-linux
          %base-packages-networking
          %base-packages-utils))

(define %base-firmware '())
(define %base-initrd-modules '("ahci" "usb-storage" "uas" "virtio_blk"))
(define %default-kernel-arguments '("quiet"))
(define %default-locale-definitions '("en_US.utf8"))
(define %default-locale-libcs (list glibc))
(define %default-issue "\nThis is the GNU system.  Welcome.\n")
(define %setuid-programs '())
(define %default-privileged-programs '())
(define %sudoers-specification
  "root ALL=(ALL) ALL\n%wheel ALL=(ALL) ALL\n")

(define* (base-initrd file-systems #:key (linux #f) (mapped-devices '())
                      (keyboard-layout #f) (qemu-networking? #f) volatile-root?
                      (on-error 'debug))
  "Return the initial RAM disk that mounts FILE-SYSTEMS; a container has no
use for one, so this is a description only."
  (list 'initrd (map file-system-mount-point file-systems)))

(define (local-host-aliases host-name)
  "Return the /etc/hosts text that maps localhost and HOST-NAME to the
loopback addresses."
  (string-append "127.0.0.1 localhost " host-name "\n"
                 "::1 localhost " host-name "\n"))

(define (warn-about-hosts-file file)
  "Return FILE, warning that the 'hosts-file' field is deprecated."
  (when file
    (%deprecation-warning 'hosts-file "(simple-service 'hosts hosts-service-type ...)"))
  file)

(define (normalize-swap-devices devices)
  "Return DEVICES, a list of swap spaces, accepting the older strings and
UUIDs with a warning."
  (map (lambda (device)
         (if (swap-space? device)
             device
             (begin
               (%deprecation-warning 'swap-devices
                                     "(swap-space (target ...)) records")
               (swap-space (target device)))))
       devices))


;;;
;;; The record.
;;;

(define-record-type* <operating-system> operating-system
  make-operating-system
  operating-system?
  this-operating-system
  (kernel operating-system-kernel (default linux-libre))
  (kernel-loadable-modules operating-system-kernel-loadable-modules
                           (default '()))
  (kernel-arguments operating-system-user-kernel-arguments
                    (default %default-kernel-arguments))
  (hurd operating-system-hurd (default #f))
  (bootloader operating-system-bootloader)
  (label operating-system-label (thunked)
         (default (string-append "GNU system with "
                                 (package-full-name
                                  (operating-system-kernel this-record)))))
  (keyboard-layout operating-system-keyboard-layout (default #f))
  (initrd operating-system-initrd (default base-initrd))
  (initrd-modules operating-system-initrd-modules (thunked)
                  (default %base-initrd-modules))
  (firmware operating-system-firmware (default %base-firmware))
  (host-name operating-system-host-name)
  (hosts-file operating-system-hosts-file (default #f)
              (sanitize warn-about-hosts-file))
  (mapped-devices operating-system-mapped-devices (default '()))
  (file-systems operating-system-file-systems)
  (swap-devices operating-system-swap-devices (default '()) (delayed)
                (sanitize normalize-swap-devices))
  (users operating-system-users (default %base-user-accounts))
  (groups operating-system-groups (default %base-groups))
  (skeletons operating-system-skeletons (default (default-skeletons)))
  (issue operating-system-issue (default %default-issue))
  (packages operating-system-packages (default %base-packages))
  (timezone operating-system-timezone (default "Etc/UTC"))
  (locale operating-system-locale (default "en_US.utf8"))
  (locale-definitions operating-system-locale-definitions
                      (default %default-locale-definitions))
  (locale-libcs operating-system-locale-libcs (default %default-locale-libcs))
  (name-service-switch operating-system-name-service-switch
                       (default %default-nss))
  (essential-services operating-system-essential-services (thunked)
                      (default (operating-system-default-essential-services
                                this-operating-system)))
  (services operating-system-user-services (thunked)
            (default %base-services)
            (sanitize validate-service-list))
  (pam-services operating-system-pam-services (default (base-pam-services)))
  (privileged-programs operating-system-privileged-programs
                       (default %default-privileged-programs))
  (setuid-programs operating-system-setuid-programs
                   (default %setuid-programs))
  (sudoers-file operating-system-sudoers-file
                (default %sudoers-specification))
  (location operating-system-location (innate)
            (default (%current-construction-location))))

(define (operating-system-kernel-arguments os)
  "Return the kernel command-line arguments of OS."
  (operating-system-user-kernel-arguments os))

(define (operating-system-services os)
  "Return every service of OS: its user services, its essential services and
a default instance of each service they extend that is missing."
  (instantiate-missing-services
   (append (operating-system-user-services os)
           (operating-system-essential-services os))))


;;;
;;; The essential services.
;;;

(define %linux-bare-metal-service
  ;; What only a machine with its own kernel needs: the modprobe wrapper and
  ;; ptrace restrictions.
  (simple-service 'linux-bare-metal activation-service-type
                  '((modprobe-wrapper) (ptrace-scope))))

(define (operating-system-accounts os)
  "Return the accounts of OS, with a root account when none has uid 0."
  (let ((users (operating-system-users os)))
    (if (any (lambda (user) (eqv? (user-account-uid user) 0)) users)
        users
        (cons (user-account
                (name "root")
                (password "")
                (uid 0)
                (group "root")
                (comment "System administrator")
                (home-directory "/root")
                (system? #t))
              users))))

(define (operating-system-locale-directory os)
  "Return what stands for the locale directory of OS: its locale definitions."
  (list 'locale-directory (operating-system-locale-definitions os)))

(define (operating-system-etc-entries os)
  "Return the /etc entries OS itself defines, as (NAME CONTENT) lists."
  `(("hostname" ,(string-append (operating-system-host-name os) "\n"))
    ("issue" ,(operating-system-issue os))
    ("os-release" "NAME=\"GNU oscdsl\"\nID=oscdsl\n")
    ("timezone" ,(string-append (operating-system-timezone os) "\n"))
    ("sudoers" ,(operating-system-sudoers-file os))
    ("nsswitch.conf" ,(operating-system-name-service-switch os))
    ("services" "")
    ("resolv.conf" "")
    ("skel" ,(operating-system-skeletons os))
    ,@(let ((hosts (operating-system-hosts-file os)))
        (if hosts `(("hosts" ,hosts)) '()))))

(define (operating-system-default-essential-services os)
  "Return the services every system has, computed from OS: the system, boot
and activation roots, shepherd, accounts, /etc, hosts, file systems, the
profile, and the bare-metal and firmware services."
  (let* ((file-systems (operating-system-file-systems os))
         (boot-file-systems (filter file-system-needed-for-boot? file-systems))
         (other-file-systems (remove file-system-needed-for-boot?
                                     file-systems))
         (swaps (operating-system-swap-devices os)))
    (append
     (list (service system-service-type
                    `(("parameters" ,(operating-system-host-name os))
                      ("initrd" ,(operating-system-initrd os))
                      ("locale" ,(operating-system-locale-directory os))))
           %boot-service
           (service cleanup-service-type #f)
           %activation-service
           (service shepherd-root-service-type '())
           (service pam-root-service-type (operating-system-pam-services os))
           (service privileged-program-service-type
                    (operating-system-privileged-programs os))
           (service account-service-type
                    (append (operating-system-accounts os)
                            (operating-system-groups os)))
           (service etc-service-type (operating-system-etc-entries os))
           (service hosts-service-type
                    (local-host-entries (operating-system-host-name os)))
           (service fstab-service-type boot-file-systems)
           (service session-environment-service-type
                    `(("LANG" . ,(operating-system-locale os))
                      ("TZ" . ,(operating-system-timezone os))))
           (service host-name-service-type (operating-system-host-name os))
           (service user-processes-service-type '())
           (service root-file-system-service-type)
           (service profile-service-type (operating-system-packages os))
           (service file-system-service-type other-file-systems))
     (map (lambda (swap) (service swap-service-type swap)) swaps)
     (list %linux-bare-metal-service
           (service firmware-service-type
                    (operating-system-firmware os))))))
