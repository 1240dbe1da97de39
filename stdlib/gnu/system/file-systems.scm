;;; File systems: the <file-system> record, UUIDs and labels, bind-mount
;;; mappings, swap space, and the file systems every system or container
;;; mounts.

(define-module (gnu system file-systems)
  #:use-module (guix records)
  #:use-module (srfi srfi-1)
  #:use-module (srfi srfi-9)
  #:export (file-system
            file-system?
            file-system-device
            file-system-mount-point
            file-system-type
            file-system-flags
            file-system-options
            file-system-mount?
            file-system-mount-may-fail?
            file-system-needed-for-boot?
            file-system-check?
            file-system-skip-check-if-clean?
            file-system-repair
            file-system-create-mount-point?
            file-system-dependencies
            file-system-shepherd-requirements
            file-system-location
            file-system-title
            %file-system-flags

            uuid
            uuid?
            uuid-type
            uuid-bytevector
            string->uuid
            uuid->string
            file-system-label
            file-system-label?
            file-system-label->string

            file-system->spec
            spec->file-system
            file-system-device->string

            swap-space
            swap-space?
            swap-space-target
            swap-space-dependencies
            swap-space-priority
            swap-space-discard?

            file-system-mapping
            file-system-mapping?
            file-system-mapping-source
            file-system-mapping-target
            file-system-mapping-writable?
            file-system-mapping->bind-mount

            %store-prefix
            %pseudo-terminal-file-system
            %debug-file-system
            %shared-memory-file-system
            %efivars-file-system
            %immutable-store
            %binary-format-file-system
            %fuse-control-file-system
            %control-groups
            %base-file-systems
            %container-file-systems
            %store-mapping
            %network-configuration-files
            %network-file-mappings))

;;; Commentary:
;;;
;;; A file system's device is a string (a device file, or a name for pseudo
;;; file systems), a UUID, or a label.  The containerization filter tests
;;; strings only, which is why UUID and label devices survive it.
;;;
;;; Code:

(define (host-procedure name)
  "Return the Python helper NAME of oscdsl.os.host."
  (python-ref (python-import "oscdsl.os.host") name))

(define %store-prefix
  ;; The prefix of the store: items live under it, containers map it.
  (make-parameter ((host-procedure "store_prefix"))))


;;;
;;; UUIDs and labels.
;;;

(define-record-type* <uuid> %uuid
  make-uuid
  uuid?
  (type uuid-type)
  (bytevector uuid-bytevector))

(define-record-type* <file-system-label> %file-system-label
  make-file-system-label
  file-system-label?
  (label file-system-label->string))

(define (file-system-label label)
  "Return a device designated by its file system LABEL, a string."
  (make-file-system-label label))

(define (hex-bytes text who)
  "Return the list of bytes written as hexadecimal pairs in TEXT."
  (let loop ((index 0) (bytes '()))
    (if (>= index (string-length text))
        (reverse bytes)
        (let ((byte (and (< (+ index 1) (string-length text))
                         (string->number (substring text index (+ index 2))
                                         16))))
          (unless byte
            (error (string-append "invalid UUID string: " who)))
          (loop (+ index 2) (cons byte bytes))))))

(define (dce-uuid-bytes text)
  "Return the 16 bytes of the DCE UUID TEXT, or #f if TEXT is not one."
  (let ((parts (string-split text #\-)))
    (and (= (length parts) 5)
         (equal? (map string-length parts) '(8 4 4 4 12))
         (every (lambda (part)
                  (string->number part 16))
                parts)
         (hex-bytes (string-concatenate parts) text))))

(define (fat-uuid-bytes text)
  "Return the 4 bytes of the FAT volume id TEXT (\"1234-ABCD\"), or #f."
  (let ((parts (string-split text #\-)))
    (and (= (length parts) 2)
         (equal? (map string-length parts) '(4 4))
         (every (lambda (part)
                  (string->number part 16))
                parts)
         ;; FAT stores the serial number little-endian.
         (reverse (hex-bytes (string-concatenate parts) text)))))

(define (uuid-kind type)
  "Return 'fat or 'dce, the string syntax of UUIDs of file system TYPE."
  (if (memq type '(fat fat16 fat32 vfat)) 'fat 'dce))

(define* (string->uuid text #:optional (type 'dce))
  "Return the UUID written as TEXT for file systems of TYPE, or #f."
  (let ((bytes (if (eq? (uuid-kind type) 'fat)
                   (fat-uuid-bytes text)
                   (dce-uuid-bytes text))))
    (and bytes
         (make-uuid type (u8-list->bytevector bytes)))))

(define* (uuid text #:optional (type 'dce))
  "Return the UUID TEXT of a file system of TYPE ('dce, 'ext4, 'fat, ...),
raising an error when TEXT is not valid for TYPE."
  (or (string->uuid text type)
      (error (format #f "invalid ~a UUID string: ~s" type text))))

(define (uuid->string id)
  "Return the UUID ID as it is usually written."
  (define (hex bytes)
    (string-concatenate
     (map (lambda (byte)
            (string-pad (number->string byte 16) 2 #\0))
          bytes)))
  (let ((bytes (bytevector->u8-list (uuid-bytevector id))))
    (if (eq? (uuid-kind (uuid-type id)) 'fat)
        (let ((text (string-upcase (hex (reverse bytes)))))
          (string-append (substring text 0 4) "-" (substring text 4 8)))
        (string-append (hex (list-head bytes 4)) "-"
                       (hex (list-head (list-tail bytes 4) 2)) "-"
                       (hex (list-head (list-tail bytes 6) 2)) "-"
                       (hex (list-head (list-tail bytes 8) 2)) "-"
                       (hex (list-tail bytes 10))))))


;;;
;;; The <file-system> record.
;;;

(define %file-system-flags
  ;; The flags the mount code understands.
  '(read-only bind-mount no-suid no-dev no-exec no-atime no-diratime
    strict-atime lazy-time remount shared))

(define (validate-file-system-flags flags)
  "Return FLAGS, a list of symbols, or raise an error naming an invalid flag."
  (unless (list? flags)
    (error "file-system flags must be a list of symbols:" flags))
  (for-each (lambda (flag)
              (unless (memq flag %file-system-flags)
                (error (format #f "invalid file system flag '~a'; known flags: ~a"
                               flag %file-system-flags))))
            flags)
  flags)

(define (warn-about-title title)
  "Return TITLE, warning that the 'title' field is deprecated."
  (when title
    (%deprecation-warning 'title "a (uuid ...) or (file-system-label ...) device"))
  title)

(define %deprecation-warning (host-procedure "deprecation_warning"))

(define-record-type* <file-system> file-system
  make-file-system
  file-system?
  (device %file-system-device)
  (title file-system-title (default #f) (sanitize warn-about-title))
  (mount-point file-system-mount-point)
  (type file-system-type)
  (flags file-system-flags (default '())
         (sanitize validate-file-system-flags))
  (options file-system-options (default #f))
  (mount? file-system-mount? (default #t))
  (mount-may-fail? file-system-mount-may-fail? (default #f))
  (needed-for-boot? %file-system-needed-for-boot? (default #f))
  (check? file-system-check? (default #t))
  (skip-check-if-clean? file-system-skip-check-if-clean? (default #t))
  (repair file-system-repair (default 'preen))
  (create-mount-point? file-system-create-mount-point? (default #f))
  (dependencies file-system-dependencies (default '()))
  (shepherd-requirements file-system-shepherd-requirements (default '()))
  (location file-system-location (innate)
            (default (%current-construction-location))))

(define (file-system-device fs)
  "Return the device of FS: a string, a UUID or a label.  A device written in
the old style, a string with (title 'uuid) or (title 'label), is converted."
  (let ((device (%file-system-device fs)))
    (case (file-system-title fs)
      ((label) (if (string? device) (file-system-label device) device))
      ((uuid) (if (string? device) (uuid device) device))
      (else device))))

(define (file-system-needed-for-boot? fs)
  "Return whether FS must be mounted before the system boots: when it says
so, or when it holds the store and is not a bind mount."
  (or (%file-system-needed-for-boot? fs)
      (and (string-prefix? (file-system-mount-point fs) (%store-prefix))
           (not (memq 'bind-mount (file-system-flags fs))))))

(define (file-system-device->string device)
  "Return DEVICE (a string, UUID or label) as text for messages."
  (cond ((string? device) device)
        ((uuid? device) (string-append "UUID=" (uuid->string device)))
        ((file-system-label? device)
         (string-append "LABEL=" (file-system-label->string device)))
        (else (format #f "~a" device))))

(define (file-system->spec fs)
  "Return FS as a list of plain data that spec->file-system turns back into
a file system (the form in which the container script receives it)."
  (let ((device (file-system-device fs)))
    (list (cond ((uuid? device)
                 `(uuid ,(uuid-type device) ,(uuid-bytevector device)))
                ((file-system-label? device)
                 `(file-system-label ,(file-system-label->string device)))
                (else device))
          (file-system-mount-point fs)
          (file-system-type fs)
          (file-system-flags fs)
          (file-system-options fs)
          (file-system-mount-may-fail? fs)
          (file-system-check? fs)
          (file-system-skip-check-if-clean? fs)
          (file-system-repair fs))))

(define (spec->file-system spec)
  "Return the file system SPEC, made by file-system->spec, describes.  Fields
after the known ones are ignored."
  (define (field index default)
    (if (> (length spec) index) (list-ref spec index) default))
  (define (spec->device device)
    (cond ((and (pair? device) (eq? (car device) 'uuid))
           (make-uuid (cadr device) (caddr device)))
          ((and (pair? device) (eq? (car device) 'file-system-label))
           (file-system-label (cadr device)))
          (else device)))
  (file-system
    (device (spec->device (field 0 #f)))
    (mount-point (field 1 #f))
    (type (field 2 #f))
    (flags (field 3 '()))
    (options (field 4 #f))
    (mount-may-fail? (field 5 #f))
    (check? (field 6 #t))
    (skip-check-if-clean? (field 7 #t))
    (repair (field 8 'preen))))


;;;
;;; Swap space.
;;;

(define-record-type* <swap-space> swap-space
  make-swap-space
  swap-space?
  (target swap-space-target)
  (dependencies swap-space-dependencies (default '()))
  (priority swap-space-priority (default #f))
  (discard? swap-space-discard? (default #f)))


;;;
;;; Mappings: host files made visible in a container.
;;;

(define-record-type* <file-system-mapping> file-system-mapping
  make-file-system-mapping
  file-system-mapping?
  (source file-system-mapping-source)
  (target file-system-mapping-target)
  (writable? file-system-mapping-writable? (default #f)))

(define (file-system-mapping->bind-mount mapping)
  "Return a file system that bind-mounts MAPPING's source on its target,
read-only unless MAPPING is writable."
  (file-system
    (mount-point (file-system-mapping-target mapping))
    (device (file-system-mapping-source mapping))
    (type "none")
    (flags (if (file-system-mapping-writable? mapping)
               '(bind-mount)
               '(bind-mount read-only)))
    (check? #f)
    (create-mount-point? #t)))

(define %store-mapping
  ;; The store, shared read-only with a container at the same place.
  (file-system-mapping
    (source (%store-prefix))
    (target (%store-prefix))
    (writable? #f)))

(define %network-configuration-files
  ;; The host files a container sharing the host's network needs.
  '("/etc/resolv.conf" "/etc/nsswitch.conf" "/etc/services" "/etc/hosts"))

(define %network-file-mappings
  ;; /etc/resolv.conf is often a symlink into a tmpfs that cannot be bound
  ;; read-only, hence writable.
  (map (lambda (file)
         (file-system-mapping
           (source file)
           (target file)
           (writable? (string=? file "/etc/resolv.conf"))))
       %network-configuration-files))


;;;
;;; File systems every system mounts.
;;;

(define %pseudo-terminal-file-system
  (file-system
    (device "none")
    (mount-point "/dev/pts")
    (type "devpts")
    (check? #f)
    (needed-for-boot? #f)
    (create-mount-point? #t)
    (options "gid=996,mode=620")))

(define %debug-file-system
  (file-system
    (type "debugfs")
    (device "none")
    (mount-point "/sys/kernel/debug")
    (check? #f)
    (create-mount-point? #t)))

(define %shared-memory-file-system
  (file-system
    (device "tmpfs")
    (mount-point "/dev/shm")
    (type "tmpfs")
    (check? #f)
    (flags '(no-suid no-dev))
    (options "size=50%")
    (create-mount-point? #t)))

(define %efivars-file-system
  (file-system
    (device "efivarfs")
    (mount-point "/sys/firmware/efi/efivars")
    (type "efivarfs")
    (check? #f)
    (mount-may-fail? #t)
    (create-mount-point? #t)))

(define %immutable-store
  ;; The store, bind-mounted read-only over itself.
  (file-system
    (device (%store-prefix))
    (mount-point (%store-prefix))
    (type "none")
    (check? #f)
    (flags '(read-only bind-mount))))

(define %binary-format-file-system
  (file-system
    (device "binfmt_misc")
    (mount-point "/proc/sys/fs/binfmt_misc")
    (type "binfmt_misc")
    (check? #f)
    (create-mount-point? #t)))

(define %fuse-control-file-system
  (file-system
    (device "fusectl")
    (mount-point "/sys/fs/fuse/connections")
    (type "fusectl")
    (check? #f)))

(define %control-groups
  ;; The unified cgroup hierarchy.
  (list (file-system
          (device "cgroup")
          (mount-point "/sys/fs/cgroup")
          (type "cgroup2")
          (check? #f)
          (create-mount-point? #t))))

(define %base-file-systems
  ;; What every system mounts besides its own root.
  (list %pseudo-terminal-file-system
        %debug-file-system
        %shared-memory-file-system
        %efivars-file-system
        %immutable-store))

(define %container-file-systems
  ;; What a container mounts before its services start: a fresh devpts
  ;; instance (so /dev/ptmx works), shared memory and message queues.
  (list (file-system
          (device "none")
          (mount-point "/dev/pts")
          (type "devpts")
          (flags '(no-exec no-suid))
          (needed-for-boot? #t)
          (create-mount-point? #t)
          (check? #f)
          (options "newinstance,ptmxmode=0666,mode=620"))
        (file-system
          (device "tmpfs")
          (mount-point "/dev/shm")
          (type "tmpfs")
          (flags '(no-exec no-suid no-dev))
          (options "mode=1777,size=65536k")
          (needed-for-boot? #t)
          (create-mount-point? #t)
          (check? #f))
        (file-system
          (device "mqueue")
          (mount-point "/dev/mqueue")
          (type "mqueue")
          (flags '(no-exec no-suid no-dev))
          (needed-for-boot? #t)
          (create-mount-point? #t)
          (check? #f))))
