;;; Bootloaders and their configuration.  A container boots without one; the
;;; configuration is kept so that configurations evaluate unchanged.

(define-module (gnu bootloader)
  #:use-module (guix records)
  #:export (bootloader
            bootloader?
            bootloader-name
            bootloader-package
            bootloader-installer
            bootloader-configuration
            bootloader-configuration?
            bootloader-configuration-bootloader
            bootloader-configuration-targets
            bootloader-configuration-target
            bootloader-configuration-keyboard-layout
            bootloader-configuration-timeout
            bootloader-configuration-theme
            bootloader-configuration-menu-entries
            menu-entry
            menu-entry?
            menu-entry-label))

(define-record-type* <bootloader> bootloader
  make-bootloader
  bootloader?
  (name bootloader-name)
  (package bootloader-package (default #f))
  (installer bootloader-installer (default #f))
  (disk-image-installer bootloader-disk-image-installer (default #f))
  (configuration-file bootloader-configuration-file (default #f))
  (configuration-file-generator bootloader-configuration-file-generator
                                (default #f)))

(define-record-type* <menu-entry> menu-entry
  make-menu-entry
  menu-entry?
  (label menu-entry-label)
  (device menu-entry-device (default #f))
  (linux menu-entry-linux (default #f))
  (linux-arguments menu-entry-linux-arguments (default '()))
  (initrd menu-entry-initrd (default #f)))

(define (warn-about-target target)
  "Return TARGET, warning that 'target' is deprecated in favour of 'targets'."
  (when target
    ((python-ref (python-import "oscdsl.os.host") "deprecation_warning")
     'target "(targets (list ...)) in bootloader-configuration"))
  target)

(define-record-type* <bootloader-configuration> bootloader-configuration
  make-bootloader-configuration
  bootloader-configuration?
  (bootloader bootloader-configuration-bootloader)
  (targets %bootloader-configuration-targets (default #f))
  (target %bootloader-configuration-target (default #f)
          (sanitize warn-about-target))
  (menu-entries bootloader-configuration-menu-entries (default '()))
  (default-entry bootloader-configuration-default-entry (default 0))
  (timeout bootloader-configuration-timeout (default 5))
  (theme bootloader-configuration-theme (default #f))
  (terminal-outputs bootloader-configuration-terminal-outputs
                    (default '(gfxterm)))
  (terminal-inputs bootloader-configuration-terminal-inputs (default '()))
  (serial-unit bootloader-configuration-serial-unit (default #f))
  (serial-speed bootloader-configuration-serial-speed (default #f))
  (keyboard-layout bootloader-configuration-keyboard-layout (default #f))
  (extra-initrd bootloader-configuration-extra-initrd (default #f)))

(define (bootloader-configuration-targets config)
  "Return the list of install targets of CONFIG, from 'targets' or the
older 'target'."
  (or (%bootloader-configuration-targets config)
      (let ((target (%bootloader-configuration-target config)))
        (if target (list target) '()))))

(define (bootloader-configuration-target config)
  "Return the first install target of CONFIG (the older API)."
  (let ((targets (bootloader-configuration-targets config)))
    (and (pair? targets) (car targets))))
