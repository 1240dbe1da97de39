;;; Operating systems as Linux containers: what containerization removes
;;; from a system, what it changes, and what it adds.

(define-module (gnu system linux-container)
  #:use-module (srfi srfi-1)
  #:use-module (gnu packages)
  #:use-module (gnu services)
  #:use-module (gnu services base)
  #:use-module (gnu services networking)
  #:use-module (gnu system)
  #:use-module (gnu system file-systems)
  #:use-module (guix gexp)
  #:use-module (oscdsl system)
  #:export (containerized-operating-system
            container-script
            container-essential-services
            container-file-system-removal-reason
            container-service-removal-reason
            container-service-change
            %container-nscd-caches
            %dummy-linux-kernel-for-container))

;;; Commentary:
;;;
;;; The reasons are data, so that 'oscdsl explain' reports exactly the rules
;;; containerized-operating-system applies.  Later Guix fixes are followed:
;;; prefixes end with a slash (so /devel is kept), only string devices are
;;; tested (UUID and label devices are kept), essential services are
;;; computed from the containerized system, static networking is replaced by
;;; a dummy 'loopback', nscd gets small caches, and the Guix daemon runs
;;; without its build chroot unless the user asked for one.
;;;
;;; Code:

(define %dummy-linux-kernel-for-container
  ;; A container runs on the host's kernel; this stands for the kernel so
  ;; that none is ever built.
  (package
    (name "dummy-linux-kernel")
    (version "0")
    (properties '((hidden? . #t)))))

(define (container-file-system-removal-reason fs)
  "Return a string saying why containerization removes the file system FS
from the user's file systems, or #f when it keeps FS."
  (let ((target (file-system-mount-point fs))
        (source (file-system-device fs)))
    (cond ((string=? target (%store-prefix))
           "it is the store, which the container shares with the host")
          ((string=? target "/")
           "it is the root file system; the container's root is a fresh tmpfs")
          ((and (string? source) (string-prefix? "/dev/" source))
           (string-append "its device " source
                          " is a host device, absent from the container"))
          ((string-prefix? "/dev/" target)
           "its mount point is under /dev/, which the container sets up itself")
          ((string-prefix? "/sys/" target)
           "its mount point is under /sys/, which the container sets up itself")
          (else #f))))

(define (tty-service-type? kind)
  (memq kind (list console-font-service-type
                   mingetty-service-type
                   agetty-service-type)))

(define* (container-service-removal-reason service #:key shared-network?)
  "Return a string saying why containerization removes the user SERVICE, or
#f when it keeps it.  SHARED-NETWORK? says whether the container shares the
host's network."
  (let ((kind (service-kind service)))
    (cond ((tty-service-type? kind)
           "it opens /dev/ttyN, which a container does not have")
          ((eq? kind static-networking-service-type)
           (string-append "the container's network devices exist already; "
                          "a dummy 'loopback' service stands in for it"))
          ((and shared-network?
                (memq kind (list dhcpcd-service-type
                                 dhcp-client-service-type
                                 network-manager-service-type
                                 connman-service-type)))
           "the container shares the host's network, configured by the host")
          (else #f))))

(define %container-nscd-caches
  ;; Caches of nscd in a container: one per container, so keep them small.
  (map (lambda (cache)
         (nscd-cache
           (inherit cache)
           (max-database-size (* 256 1024))))
       %nscd-default-caches))

(define (container-service-change original)
  "Return (NEW-SERVICE . REASON) when containerization changes the kept
service ORIGINAL, or #f when it leaves it alone."
  (let ((kind (service-kind original))
        (value (service-value original)))
    (cond ((eq? kind nscd-service-type)
           (cons (service nscd-service-type
                          (nscd-configuration
                            (inherit value)
                            (caches %container-nscd-caches)))
                 "each container runs its own nscd: caches shrunk to 256 KiB"))
          ((and (eq? kind guix-service-type)
                (eq? (guix-configuration-chroot? value) 'default))
           (cons (service guix-service-type
                          (guix-configuration
                            (inherit value)
                            (chroot? #f)))
                 "build chroots need privileges a container lacks: chroot? #f"))
          (else #f))))

(define* (container-essential-services services #:key shared-network?)
  "Return the essential SERVICES, those of the containerized system, without
the bare-metal, firmware and system services, with a system service that
only carries the locale; with SHARED-NETWORK?, without the hosts service and
the network files of /etc, which come from the host."
  (define (unwanted? service)
    (let ((kind (service-kind service)))
      (or (memq kind (list (service-kind %linux-bare-metal-service)
                           firmware-service-type
                           system-service-type))
          (and shared-network? (eq? kind hosts-service-type)))))

  (define (strip-network-files original)
    (if (and shared-network? (eq? (service-kind original) etc-service-type))
        (service etc-service-type
                 (remove (lambda (entry)
                           (member (car entry)
                                   '("resolv.conf" "nsswitch.conf"
                                     "services" "hosts")))
                         (service-value original)))
        original))

  (define locale
    (find (lambda (service)
            (eq? (service-kind service) system-service-type))
          services))

  (cons (service system-service-type
                 (if locale
                     (filter (lambda (entry) (equal? (car entry) "locale"))
                             (service-value locale))
                     '()))
        (map strip-network-files (remove unwanted? services))))

(define* (containerized-operating-system os mappings
                                         #:key shared-network?
                                         (extra-file-systems '()))
  "Return an operating system based on OS for use in a Linux container.
MAPPINGS is a list of file-system-mapping records to bind-mount at boot;
EXTRA-FILE-SYSTEMS are mounted too (container-script passes the store mapping
and %container-file-systems).  With SHARED-NETWORK?, the container uses the
host's network and network configuration files."
  (define user-file-systems
    (remove container-file-system-removal-reason
            (operating-system-file-systems os)))

  (define (mapping->file-system mapping)
    (file-system
      (inherit (file-system-mapping->bind-mount mapping))
      (needed-for-boot? #t)))

  (define user-services
    (filter-map (lambda (service)
                  (and (not (container-service-removal-reason
                             service #:shared-network? shared-network?))
                       (let ((change (container-service-change service)))
                         (if change (car change) service))))
                (operating-system-user-services os)))

  (operating-system
    (inherit os)
    (kernel %dummy-linux-kernel-for-container)
    (swap-devices '())
    ;; Thunked: the inherited essential services are computed against this
    ;; new system, so removed file systems do not come back through fstab.
    (essential-services
     (container-essential-services essential-services
                                   #:shared-network? shared-network?))
    (services
     (cons (dummy-networking-service (if shared-network?
                                         '(loopback networking)
                                         '(loopback)))
           user-services))
    (file-systems
     (append (map mapping->file-system
                  (if shared-network?
                      (append %network-file-mappings mappings)
                      mappings))
             extra-file-systems
             user-file-systems
             ;; A root that is never mounted, for the boot parameters.
             (list (file-system
                     (mount-point "/")
                     (device "nothing")
                     (type "dummy")))))))


;;;
;;; The run-container script.
;;;

(define* (container-script os #:key (mappings '()) shared-network?)
  "Return the store-monad value of a script, run-container, that boots OS in a
Linux container.  MAPPINGS are file-system mappings shared with the host, on
top of the store; with SHARED-NETWORK?, the container uses the host's
network.  The script accepts --share, --expose, --network, --pid-file and
-h, and must run as root to map more than one user id."
  (let* ((os (containerized-operating-system
              os (cons %store-mapping mappings)
              #:shared-network? shared-network?
              #:extra-file-systems %container-file-systems))
         (file-systems (filter (lambda (fs)
                                 (and (file-system-needed-for-boot? fs)
                                      (not (string=? "/"
                                                     (file-system-mount-point
                                                      fs)))))
                               (operating-system-file-systems os)))
         (specs (map file-system->spec file-systems)))
    (gexp->script
     "run-container"
     #~(begin
         (use-modules (guix build utils) (oscdsl run-container))
         (run-container-command
          (command-line) '#$specs #$os #$(operating-system-host-name os)
          #$shared-network?
          (lambda ()
            (setenv "HOME" "/root")
            (setenv "TMPDIR" "/tmp")
            (setenv "GUIX_NEW_SYSTEM" #$os)
            (for-each mkdir-p '("/run" "/bin" "/etc" "/home" "/var"))
            (primitive-load (string-append #$os "/boot"))))))))
